using Api.CrossOrigin;
using Api.Features;
using Api.Features.Health;
using Api.Features.Items;
using Api.Limits;
using Api.Logging;
using Api.Observability;
using Api.SecurityHeaders;
using Api.Server;
using Api.Throttling;
using Api.TrustedProxies;
using Api.WriteAccess;

try
{
    var builder = WebApplication.CreateBuilder(HostStart.Options(args));

    builder.Host.ValidateSettingsFirst();
    builder.Services.AddServer();
    builder.Services.AddRequestLimits();
    builder.Services.AddTrustedProxies();
    builder.Services.AddRequestLogging();
    builder.Services.AddProblemResponses();
    builder.Services.AddWerkzeugRules();
    builder.Services.AddCrossOrigin();
    builder.Services.AddClientThrottling();
    builder.Services.AddWriteAccess(builder.Configuration);
    builder.Services.AddApiControllers();
    builder.Services.AddApiHealthChecks();
    builder.Services.AddItemStore();
    builder.Services.AddApiDocument();
    builder.Services.AddObservability(builder.Configuration);

    var app = builder.Build();

    // The middleware, in the order a request meets it.
    app.UseTrustedProxies();
    app.UseSecurityHeaders();
    app.UseRequestLogging();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseServerRules();
    app.UseWerkzeugPaths();
    app.UseRouting();
    app.UseCrossOrigin();
    app.UseClientThrottling();
    app.UseWriteAccess();
    app.UseRequestTimeouts();

    // The endpoints routing chooses from.
    app.MapControllers();
    app.MapApiDocument();
    app.MapMetrics();
    app.MapAutomaticOptions();

    return args is ["migrate", ..] ? app.MigrateItemStore() : app.Serve();
}
// HostAbortedException: the test server and the build-time OpenAPI generator stop the host once it is built.
catch (Exception exception) when (exception is not HostAbortedException)
{
    return HostStart.Fail(exception);
}
