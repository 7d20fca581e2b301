namespace WatchState.Simulator;

internal static class Placeholder;
