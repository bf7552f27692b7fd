using Microsoft.Extensions.Hosting;

namespace Api.Settings;

public static class ContentRoot
{
    /// <summary>
    /// The folder the API's own files (appsettings.json) are in, so that it finds them wherever it is
    /// started from; null when a content root is configured (<c>--contentRoot</c>,
    /// <c>ASPNETCORE_CONTENTROOT</c> or <c>DOTNET_CONTENTROOT</c>), which then applies.
    /// </summary>
    public static string? Default(string[] args)
    {
        var configured = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return configured is null ? AppContext.BaseDirectory : null;
    }
}
