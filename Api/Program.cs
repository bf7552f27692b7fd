using Api.Constraints;
using Api.Echo;
using Api.Problems;
using Api.Routes;
using Api.Validation;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemResponses();
builder.Services.AddFlaskConverters();
builder.Services.AddEchoService();
builder.Services.AddFormValidation();
builder.Services.AddTutorialControllers();

var app = builder.Build();

app.UseProblemResponses();
app.UseWerkzeugPathDecoding();
app.UseRouting();
app.MapTutorialControllers();

app.Run();

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
