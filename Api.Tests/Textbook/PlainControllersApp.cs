using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Textbook;

/// <summary>
/// The probe in an app as <c>dotnet new webapi --use-controllers</c> makes one (AddControllers,
/// MapControllers), with FluentValidation.AspNetCore's automatic validation: the answers a plain
/// controllers app gives, to compare the API's with.
/// </summary>
public sealed class PlainControllersApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlainControllersApp(WebApplication app) => _app = app;

    /// <summary>Starts the app with <typeparamref name="TValidator"/> validating the probe's body.</summary>
    public static async Task<PlainControllersApp> StartAsync<TValidator>()
        where TValidator : class, IValidator<NewProbeItem>
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseTestServer();
        builder.Services.AddControllers().ConfigureApplicationPartManager(manager =>
        {
            manager.ApplicationParts.Clear();
            manager.ApplicationParts.Add(new AssemblyPart(typeof(ProbeController).Assembly));
        });
        builder.Services.AddFluentValidationAutoValidation();
        builder.Services.AddScoped<IValidator<NewProbeItem>, TValidator>();
        var app = builder.Build();
        app.MapControllers();
        await app.StartAsync();
        return new PlainControllersApp(app);
    }

    public Task<ApiResponse> SendAsync(ApiRequest request) => InMemoryApi.SendAsync(_app.GetTestServer(), request);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
