using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Api.Tests.Integration;

/// <summary>The in-memory API with configuration overrides, as appsettings or the environment would set them.</summary>
public static class ConfiguredApi
{
    public static WebApplicationFactory<Program> With(ApiFactory factory, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
