using Microsoft.Extensions.Configuration;

namespace Api.Hosting;

/// <summary>How the host is created.</summary>
internal static class HostStart
{
    /// <summary>
    /// The builder's options, from the host's own settings read as the host reads them (the command line over
    /// <c>DOTNET_</c> variables over <c>ASPNETCORE_</c> ones): the content root, and the settings files read once outside Development.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var host = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args).Build();
        return new WebApplicationOptions { Args = [.. SettingsFiles.ReadOnceArguments(host), .. args], ContentRootPath = ContentRoot.Default(host) };
    }
}
