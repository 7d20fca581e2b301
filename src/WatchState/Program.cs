using WatchState.Cli;

// One executable, both server and CLI:
//   watchstate [serve]              the server            Cli/ServeCommand.cs
//   watchstate backend:add|list|…   manage servers.yaml   Cli/BackendCommands.cs
//   watchstate config:test          check every backend   Cli/ConfigCommands.cs
// Services are composed in Cli/CliServices.cs (one Add<Feature>() per feature); settings in Configuration/.
return await WatchStateCli.RunAsync(args, CliHost.FromProcess(), CancellationToken.None);
