-- Every run of a scheduled task, whether started by the schedule, on start-up for overdue work, or by hand.
CREATE TABLE task_runs (
    id         INTEGER PRIMARY KEY,
    task       TEXT    NOT NULL,
    trigger    TEXT    NOT NULL,             -- schedule / overdue / manual
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,                      -- null while running, or when the process died mid-run
    outcome    TEXT,                         -- ok / failed / cancelled
    message    TEXT
);
CREATE INDEX task_runs_task ON task_runs (task, started_at);
