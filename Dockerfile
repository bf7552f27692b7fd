# Build: docker build -t flask-tutorial-api .
# Run:   docker run --rm -p 8080:8080 flask-tutorial-api
# syntax=docker/dockerfile:1

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj -r linux-x64
COPY Api/ Api/
# For linux-x64, so that the assemblies are precompiled (ReadyToRun) for a faster start.
RUN dotnet publish Api/Api.csproj -c Release -r linux-x64 --no-self-contained -o /app --no-restore -p:OpenApiGenerateDocuments=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The items' SQLite file (the default Database:Provider) is the one thing the API writes: /data, a volume of the app
# user's, writable under a read-only root filesystem. Mount a named volume there to keep it (docs/operations.md, "Database").
RUN mkdir /data && chown app:app /data
VOLUME /data
# The aspnet image's non-root user (uid 1654).
USER app
# After SIGTERM, /readyz answers 503 for 5 s while requests are still served, so that a load balancer
# probing it every 2 s stops sending before the listener closes (docs/operations.md, "Shutdown").
ENV ASPNETCORE_URLS=http://+:8080 \
    ConnectionStrings__Items="Data Source=/data/items.db" \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Console__FormatterName=json \
    ShutdownDrainSeconds=5
# A 6 MiB gen0 budget: the API keeps little alive between requests, and a small young generation
# keeps its resident memory near raw Kestrel's. The runtime reads this knob from the environment
# only (runtimeconfig.json cannot carry it). bench/run.sh runs the API with these DOTNET_ lines.
ENV DOTNET_GCgen0size=0x600000
# Tiered compilation reaches optimized code within seconds instead of tens of seconds on a
# one-CPU replica: the 100 ms call-counting delay is not multiplied by ten on one CPU, and is
# 30 ms. Environment only: runtimeconfig.json cannot carry these (bench/tiering.sh shows both).
ENV DOTNET_TC_DelaySingleProcMultiplier=1
ENV DOTNET_TC_CallCountingDelayMs=30
EXPOSE 8080
# The runtime image has no curl: bash's /dev/tcp asks /healthz and expects a 200.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Api.dll"]
