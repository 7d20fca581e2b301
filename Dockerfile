# syntax=docker/dockerfile:1
# watchstate: docker build -t watchstate . && docker run -d -p 8080:8080 -v ./config:/config watchstate

# --- build: restore with only the project files first, so a code change does not re-download packages
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/WatchState/WatchState.csproj src/WatchState/
COPY src/WatchState.Simulator/WatchState.Simulator.csproj src/WatchState.Simulator/
RUN dotnet restore src/WatchState/WatchState.csproj
COPY src/WatchState/ src/WatchState/
# watchstate demo runs the simulated Plex, Jellyfin and Emby in-process.
COPY src/WatchState.Simulator/ src/WatchState.Simulator/
RUN dotnet publish src/WatchState/WatchState.csproj -c Release --no-restore -o /app

# --- runtime: ASP.NET Core runtime only, running as the image's unprivileged "app" user
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./

# All state (servers.yaml, .env, the database, backups, logs) lives in /config.
ENV WS_DATA_PATH=/config \
    WS_LISTEN=http://0.0.0.0:8080 \
    WS_TZ=UTC \
    DOTNET_NOLOGO=1
RUN mkdir -p /config && chown app:app /config
VOLUME ["/config"]
USER app
EXPOSE 8080

# The runtime image has no curl: the product asks its own health endpoint.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["/app/watchstate", "system:healthcheck", "--timeout", "5"]

ENTRYPOINT ["/app/watchstate"]
CMD ["serve"]
