using Api.Constraints;
using Api.Echo;
using Api.Health;
using Api.Limits;
using Api.Logging;
using Api.OpenApi;
using Api.Problems;
using Api.Routes;
using Api.Security;
using Api.Validation;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.AddEdgeProtection(builder.Configuration);
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
app.UseWerkzeugPathDecoding();
app.UseRouting();
app.UseRateLimitingIfConfigured();
app.UseRequestTimeouts();
app.MapTutorialControllers();
app.MapApiDocument();

app.Run();

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
