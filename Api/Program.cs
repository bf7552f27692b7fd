using Api.Constraints;
using Api.Echo;
using Api.OpenApi;
using Api.Problems;
using Api.Routes;
using Api.Validation;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemResponses();
builder.Services.AddFlaskConverters();
builder.Services.AddEchoService();
builder.Services.AddFormValidation();
builder.Services.AddTutorialControllers();
builder.Services.AddApiDocument();

var app = builder.Build();

app.UseProblemResponses();
app.UseWerkzeugPathDecoding();
app.UseRouting();
app.MapTutorialControllers();
app.MapApiDocument();

app.Run();

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
