# The GraphiQL console (src/TrialMonitor.Console), built into the API's wwwroot/console and served at /console.
FROM node:20-bookworm-slim AS console
WORKDIR /src
COPY src/TrialMonitor.Console/package.json src/TrialMonitor.Console/package-lock.json src/TrialMonitor.Console/
RUN npm ci --prefix src/TrialMonitor.Console --no-audit --no-fund --loglevel=error
COPY src/TrialMonitor.Console src/TrialMonitor.Console
RUN mkdir -p src/TrialMonitor.Api/wwwroot \
 && npm run --prefix src/TrialMonitor.Console build -- --logLevel warn \
 && test -f src/TrialMonitor.Api/wwwroot/console/index.html

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=console /src/src/TrialMonitor.Api/wwwroot/console src/TrialMonitor.Api/wwwroot/console
RUN dotnet publish src/TrialMonitor.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
# The image's unprivileged user (uid 1654, "app"): the API needs no root and writes nothing under /app.
USER app
# The health checks call /health/ready; the aspnet image has no curl, so bash's /dev/tcp asks.
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5080 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "TrialMonitor.Api.dll"]
