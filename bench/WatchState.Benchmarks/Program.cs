using WatchState.Benchmarks;

// bench import --items N [--backend plex] : measures our import against the raw fetch-parse-insert floor, in one run.
// bench export --items N --changed C : plans an export over a generated database against reading the same rows.
// bench webhooks --count N [--concurrency C] : floods the serve app with webhooks, against the raw inbox insert floor.
// bench sim --items N      : (internal) serves a generated library in a child process, so the simulator's own
//                            memory is not counted in the importer's peak.
return args switch
{
    ["import", .. var rest] => await ImportBenchmark.RunAsync(rest),
    ["export", .. var rest] => await ExportBenchmark.RunAsync(rest),
    ["webhooks", .. var rest] => await WebhookBenchmark.RunAsync(rest),
    ["sim", .. var rest] => await SimulatorHost.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: WatchState.Benchmarks import --items N [--page-size N] [--backend jellyfin|plex] | export --items N --changed C | webhooks --count N [--concurrency C]");
    return 2;
}
