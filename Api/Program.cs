using Api.Features;
using Api.Features.Health;
using Api.Hosting;
using Api.Limits;
using Api.Logging;
using Api.Observability;
using Api.Problems;
using Api.Security;

try
{
    var builder = WebApplication.CreateBuilder(HostStart.Options(args));

    builder.Host.ValidateSettingsFirst();
    builder.Services.AddHosting();
    builder.Services.AddRequestLimits();
    builder.Services.AddStrictFraming();
    builder.Services.AddEdgeProtection();
    builder.Services.AddRequestLogging();
    builder.Services.AddProblemResponses();
    builder.Services.AddWerkzeugRouting();
    builder.Services.AddApiControllers();
    builder.Services.AddApiHealthChecks();
    builder.Services.AddApiDocument();
    builder.Services.AddObservability(builder.Configuration);

    var app = builder.Build();

    app.UseEdgeProtection();
    app.UseRequestLogging();
    app.UseProblemResponses();
    app.UseStrictFraming();
    app.UseServerWideRequests();
    app.UseWerkzeugRouting();
    app.UseCrossOriginIfConfigured();
    app.UseRateLimitingIfConfigured();
    app.UseRequestTimeouts();
    app.MapControllers();
    app.MapApiDocument();
    app.MapAutomaticOptions();
    app.UseObservability();

    return app.Serve();
}
// HostAbortedException: the test server and the build-time OpenAPI generator stop the host once it is built.
catch (Exception exception) when (exception is not HostAbortedException)
{
    return HostStart.Fail(exception);
}

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
