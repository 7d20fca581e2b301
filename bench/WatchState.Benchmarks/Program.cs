using WatchState.Benchmarks;

// bench import --items N [--backend plex] : measures our import against the raw fetch-parse-insert floor, in one run.
// bench export --items N --changed C : plans an export over a generated database against reading the same rows.
// bench webhooks --count N [--concurrency C] [--import-items M] : floods the serve app with webhooks, against the raw
//                            inbox insert floor; with M, once alone and once while serve imports an M-item Jellyfin.
// bench sync --items N [--changed C] : state:sync over Jellyfin, Emby and Plex simulators; import and export each against its floor.
// bench sim --items N      : (internal) serves a generated library in a child process, so the simulator's own
//                            memory is not counted in the importer's peak.
return args switch
{
    ["import", .. var rest] => await ImportBenchmark.RunAsync(rest),
    ["export", .. var rest] => await ExportBenchmark.RunAsync(rest),
    ["webhooks", .. var rest] => await WebhookBenchmark.RunAsync(rest),
    ["sync", .. var rest] => await SyncBenchmark.RunAsync(rest),
    ["sim", .. var rest] => await SimulatorHost.RunAsync(rest),
    ["--help" or "-h" or "help"] => Usage(0),
    _ => Usage(2),
};

static int Usage(int exitCode)
{
    Console.Error.WriteLine("""
        usage: WatchState.Benchmarks COMMAND [options]
          import --items N [--page-size N] [--backend jellyfin|plex]
              import a generated library from a simulator; floor: fetch, parse and raw insert of the same rows
          export --items N --changed C
              plan an export over a generated database; floor: reading the same rows
          webhooks --count N [--concurrency C] [--import-items M]
              flood serve with N distinct webhooks from C senders (default 20000, 8); floor: inserting the same
              inbox rows, one commit each; prints webhooks accepted_per_s=A p99_ms=P applied_per_s=B lost=L ratio=R
              with M > 0: floods once alone, then again while serve fully imports an M-item simulated Jellyfin
              (floor: fetch, parse and raw insert); prints webhooks+import items=M count=N p99_ms=P
              baseline_p99_ms=B p99_ratio=P/B accepted_per_s=A ratio=R ... import_ratio=I lost=L peak_mb=X
          sync --items N [--changed C]
              import from Jellyfin, Emby and Plex simulators, then export the C differences (default 1% of N);
              prints sync, import and export lines, each against its floor (import: the three servers' fetch,
              parse and raw insert; export: reading the same rows plus the same writes sent bare); a second sync
              must write nothing
        """);
    return exitCode;
}
