using Api.Constraints;
using Api.Echo;
using Api.Health;
using Api.Limits;
using Api.Logging;
using Api.OpenApi;
using Api.Problems;
using Api.Routes;
using Api.Security;
using Api.Settings;
using Api.Validation;

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Default(args) });

    builder.Services.AddRequestLimits(builder.Configuration);
    builder.Services.AddEdgeProtection();
    builder.Services.AddRequestLogging();
    builder.Services.AddProblemResponses();
    builder.Services.AddFlaskConverters();
    builder.Services.AddEchoService();
    builder.Services.AddFormValidation();
    builder.Services.AddApiHealthChecks();
    builder.Services.AddTutorialControllers();
    builder.Services.AddApiDocument();

    var app = builder.Build();

    app.UseEdgeProtection();
    app.UseRequestLogging();
    app.UseProblemResponses();
    app.UseServerWideRequests();
    app.UseWerkzeugPathDecoding();
    app.UseRouting();
    app.UseRateLimitingIfConfigured();
    app.UseRequestTimeouts();
    app.MapTutorialControllers();
    app.MapApiDocument();

    app.Run();
    return 0;
}
catch (Exception exception) when (InvalidSetting.Explain(exception) is { Count: > 0 } lines)
{
    foreach (var line in lines)
    {
        Console.Error.WriteLine(line);
    }

    return InvalidSetting.ExitCode;
}

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
