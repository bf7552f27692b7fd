using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Api.Tests.RealServer;

/// <summary>
/// How the published API starts: every wrong setting named at once in one line each (exit code 78), an
/// address it cannot listen on in one line (69), and its own settings wherever it is started from.
/// </summary>
[NonParallelizable]
public sealed class StartupTests
{
    private const string AddressRule = "must be addresses such as http://127.0.0.1:5000, separated by ';', each http://HOST:PORT with HOST localhost, "
        + "an IP address, or * or + for every interface, and PORT from 0 to 65535 (from 1 with localhost).";

    private const string LogLevels = "Trace, Debug, Information, Warning, Error, Critical or None";

    private static async Task AssertRefusedAsync(ApiProcess api, string line)
    {
        Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(90)), Is.EqualTo(78));
        Assert.That(api.Errors, Is.EqualTo(new[] { line }));
        Assert.That(api.Output, Is.Empty, "nothing on standard output, no stack trace");
    }

    [TestCase("--RateLimiting:Window=-00:00:01", "Invalid setting RateLimiting:Window='-00:00:01': must be a duration from 00:00:01 to 1.00:00:00.")]
    [TestCase("--ForwardedHeaders:KnownProxies:0=nope", "Invalid setting ForwardedHeaders:KnownProxies:0='nope': must be an IP address such as 127.0.0.1.")]
    [TestCase("--ForwardedHeaders:Enabled=maybe", "Invalid setting ForwardedHeaders:Enabled='maybe': must be true or false.")]
    [TestCase("--Caching:CacheControl=max-age=soon", "Invalid setting Caching:CacheControl='max-age=soon': must be a Cache-Control value such as 'public, max-age=60' or 'no-cache'.")]
    [TestCase("--Kestrel:Limits:MaxRequestLineSize=1048577", "Invalid setting Kestrel:Limits:MaxRequestLineSize='1048577': must be a number of bytes from 1 to 1048576.")]
    [TestCase("--Kestrel:Limits:MaxRequestHeadersTotalSize=1048577", "Invalid setting Kestrel:Limits:MaxRequestHeadersTotalSize='1048577': must be a number of bytes from 1 to 1048576.")]
    [TestCase("--Cors:AllowedOrigins:0=https://app.example.com/", "Invalid setting Cors:AllowedOrigins:0='https://app.example.com/': must be an origin as browsers send it, such as https://app.example.com (lower case, no path, no default port), or * alone.")]
    [TestCase("--Limits:MaxFormFields=abc", "Invalid setting Limits:MaxFormFields='abc': must be a whole number.")]
    [TestCase("--Kestrel:Limits:MaxRequestLineSize=abc", "Invalid setting Kestrel:Limits:MaxRequestLineSize='abc': must be a whole number.")]
    public async Task An_invalid_or_unreadable_setting_stops_the_start_with_one_line_naming_it(string argument, string expected)
    {
        using var api = ApiProcess.Start(arguments: [argument]);

        await AssertRefusedAsync(api, expected);
    }

    [Test]
    [ExitCode(78)]
    public async Task Every_invalid_setting_is_named_at_once_whatever_its_source()
    {
        using var temporary = new TemporaryFolder();
        var contentRoot = temporary.FullName;
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), """{ "Kestrel": { "Limits": { "MaxRequestLineSize": "long" } } }""");
        using var api = ApiProcess.Start(
            [
                ("Limits__MaxBodyBytes", "0"), ("Logging__LogLevel__Default", "Loud"), ("Logging__LogLevel__Microsoft", "Quiet"),
                ("ShutdownDrainSeconds", "3601"), ("Kestrel__Limits__MaxRequestHeaderCount", "0"), ("Kestrel__Limits__KeepAliveTimeout", "00:00:00"),
            ],
            [
                "--contentRoot", contentRoot, "--ShutdownTimeoutSeconds=-1", "--Logging:Console:FormatterName=xml", "--Metrics:Enabled=maybe",
                "--RateLimiting:Window=soon", "--Kestrel:Limits:RequestHeadersTimeout=soon",
            ],
            urls: "http://localhost:51O0");

        Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(78));
        Assert.That(api.Errors, Is.EquivalentTo(new[]
        {
            "Invalid setting urls='http://localhost:51O0': " + AddressRule,
            "Invalid setting ShutdownTimeoutSeconds='-1': must be a number of seconds from 0 to 3600.",
            "Invalid setting ShutdownDrainSeconds='3601': must be a number of seconds from 0 to 3600.",
            "Invalid setting Logging:Console:FormatterName='xml': must be simple, json or systemd.",
            $"Invalid setting Logging:LogLevel:Default='Loud': must be a log level: {LogLevels}.",
            $"Invalid setting Logging:LogLevel:Microsoft='Quiet': must be a log level: {LogLevels}.",
            "Invalid setting Limits:MaxBodyBytes='0': must be a number of bytes, at least 1.",
            "Invalid setting Kestrel:Limits:MaxRequestLineSize='long': must be a whole number.",
            "Invalid setting Kestrel:Limits:RequestHeadersTimeout='soon': must be a duration such as 00:00:30.",
            "Invalid setting Kestrel:Limits:MaxRequestHeaderCount='0': must be a number of headers, at least 1.",
            "Invalid setting Kestrel:Limits:KeepAliveTimeout='00:00:00': must be a duration from 00:00:01 to 01:00:00.",
            "Invalid setting RateLimiting:Window='soon': must be a duration such as 00:00:30.",
            "Invalid setting Metrics:Enabled='maybe': must be true or false.",
        }));
        Assert.That(api.Output, Is.Empty);
    }

    // Kestrel would listen on port 80 of every interface for a port that does not read, and fail with a stack trace
    // for the others (localhost:0 included); from --urls, ASPNETCORE_URLS or appsettings.json alike. Started side by side: each exits at once.
    [Test]
    public async Task An_address_that_does_not_parse_stops_the_start_with_one_line_naming_it()
    {
        using var temporary = new TemporaryFolder();
        var contentRoot = temporary.FullName;
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), """{ "urls": "http://127.0.0.1:8O80" }""");
        string[] refused =
        [
            "localhost:5123", "http://127.0.0.1:99999", "http://127.0.0.1:-1", "http://api.example:5123", "https://127.0.0.1:5123",
            "http://127.0.0.1:5123/api", "http://127.0.0.1:5123;http://127.0.0.1:port", "http://localhost:0",
        ];
        var apis = refused.Select(urls => (Urls: urls, Api: ApiProcess.Start(urls: urls)))
            .Append(("http://127.0.0.1:5O00", ApiProcess.Start([("ASPNETCORE_URLS", "http://127.0.0.1:5O00")], urls: null)))
            .Append(("http://127.0.0.1:8O80", ApiProcess.Start(arguments: ["--contentRoot", contentRoot], urls: null)))
            .ToList();
        try
        {
            foreach (var (urls, api) in apis)
            {
                await AssertRefusedAsync(api, $"Invalid setting urls='{urls}': {AddressRule}");
            }
        }
        finally
        {
            apis.ForEach(started => started.Item2.Dispose());
        }
    }

    [Test]
    public async Task A_request_line_and_a_header_block_may_be_allowed_up_to_one_mebibyte()
    {
        using var api = await ApiProcess.StartListeningAsync(("Kestrel__Limits__MaxRequestLineSize", "1048576"), ("Kestrel__Limits__MaxRequestHeadersTotalSize", "1048576"));

        Assert.That((await api.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 16 * 1024)))).Status, Is.EqualTo(200), "beyond the default 8192");
        Assert.That(
            (await api.SendUncheckedAsync(ApiRequest.Get("/") with { Headers = [new("X-Large", new string('a', 64 * 1024))] })).Status,
            Is.EqualTo(200), "beyond the default 32768");
    }

    [Test]
    public async Task Several_addresses_separated_by_semicolons_are_each_listened_on()
    {
        using var api = ApiProcess.Start(urls: "http://127.0.0.1:0;http://127.0.0.1:0");
        await api.WaitForPortAsync();
        var ports = await ListeningPortsAsync(api, 2);

        Assert.That(ports.Distinct().Count(), Is.EqualTo(2));
        foreach (var port in ports)
        {
            Assert.That(await HelloAsync(port), Is.EqualTo("Hello World"), $"port {port}");
        }
    }

    [Test]
    public async Task A_star_or_a_plus_listens_on_every_interface([Values("*", "+")] string host)
    {
        using var api = ApiProcess.Start(urls: $"http://{host}:0");
        var line = await api.WaitForOutputAsync(l => l.Contains("Now listening on: ", StringComparison.Ordinal), milliseconds: 30_000);

        Assert.That(line, Does.Match(@"Now listening on: http://(\[::\]|0\.0\.0\.0):[0-9]+$"), "the wildcard address, not one interface's");
        Assert.That(await HelloAsync((await ListeningPortsAsync(api, 1))[0]), Is.EqualTo("Hello World"), "reached on loopback");
    }

    private static async Task<List<int>> ListeningPortsAsync(ApiProcess api, int count)
    {
        await api.WaitForOutputAsync(_ => api.Output.Count(IsListening) >= count, milliseconds: 30_000);
        return [.. api.Output.Where(IsListening).Select(line => int.Parse(line[(line.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))];

        static bool IsListening(string line) => line.Contains("Now listening on: ", StringComparison.Ordinal);
    }

    private static async Task<string> HelloAsync(int port)
    {
        var exchange = await RawHttp.ExchangeAsync(port, RawHttp.Format(ApiRequest.Get("/")), TimeSpan.FromSeconds(10));
        return RawHttp.Parse(exchange.Received, _ => false).Single().Text;
    }

    [Test]
    [Setting("ASPNETCORE_URLS")]
    public async Task The_api_listens_where_ASPNETCORE_URLS_says()
    {
        using var api = ApiProcess.Start([("ASPNETCORE_URLS", "http://127.0.0.1:0")], urls: null);
        await api.WaitForPortAsync();

        Assert.That((await api.GetAsync("/")).Text, Is.EqualTo("Hello World"));
    }

    // 192.0.2.0/24 is kept for documentation (RFC 5737): no machine has it.
    [TestCase(null, "Address already in use.")]
    [TestCase("http://192.0.2.1:5123", "Cannot assign requested address.")]
    [ExitCode(69)]
    public async Task An_address_in_use_or_not_on_this_machine_stops_the_start_with_one_line_naming_it_and_exit_code_69(string? address, string reason)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        address ??= $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        using var api = ApiProcess.Start(urls: address);

        Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(69));
        Assert.That(api.Errors, Is.EqualTo(new[] { $"Cannot listen on {address}: {reason}" }));
        Assert.That(api.Output, Has.None.Match(@"^(fail|crit)|^\s+at "), "no error entry, no stack trace");
    }

    // The launch profile sets no environment, so that one set by hand is the one the API runs in. Both
    // started side by side: dotnet run evaluates the project first.
    [Test]
    public async Task Dotnet_run_runs_in_the_environment_set_and_in_production_without_one()
    {
        using var staging = ApiProcess.Run(("ASPNETCORE_ENVIRONMENT", "Staging"), ("DOTNET_ENVIRONMENT", null));
        using var unset = ApiProcess.Run(("ASPNETCORE_ENVIRONMENT", null), ("DOTNET_ENVIRONMENT", null));

        Assert.That(await HostingEnvironmentAsync(staging), Is.EqualTo("Staging"));
        Assert.That(await HostingEnvironmentAsync(unset), Is.EqualTo("Production"));

        static async Task<string?> HostingEnvironmentAsync(ApiProcess api) =>
            (await api.WaitForOutputAsync(line => line.Contains("Hosting environment: ", StringComparison.Ordinal), milliseconds: 60_000))?.Split(": ")[^1];
    }

    [Test]
    public async Task Started_from_another_folder_the_api_reads_its_own_appsettings()
    {
        using var api = ApiProcess.Start(workingDirectory: Path.GetTempPath());
        await api.WaitForPortAsync();

        Assert.That((await api.GetAsync("/")).Status, Is.EqualTo(200));
        await api.WaitForOutputAsync(line => line.Contains("answered 200", StringComparison.Ordinal));
        Assert.That(await api.WaitForOutputAsync(line => line.Contains("Content root path", StringComparison.Ordinal)), Does.EndWith(ApiProcess.Directory + "/"));
        // appsettings.json silences the framework's own request lines; without it they come back.
        Assert.That(api.Output, Has.None.Contains("Request starting"));
    }

    [Test]
    public async Task Kestrel_limits_apply_from_appsettings_json_and_the_environments_file_overrides_it()
    {
        using var temporary = new TemporaryFolder();
        var contentRoot = temporary.FullName;
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), """{ "Kestrel": { "Limits": { "MaxRequestLineSize": 100 } } }""");
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.Staging.json"), """{ "Kestrel": { "Limits": { "MaxRequestLineSize": 200 } } }""");
        using var production = ApiProcess.Start(arguments: ["--contentRoot", contentRoot]);
        using var staging = ApiProcess.Start([("ASPNETCORE_ENVIRONMENT", "Staging")], ["--contentRoot", contentRoot]);
        await production.WaitForPortAsync();
        await staging.WaitForPortAsync();

        // "GET /test/{id} HTTP/1.1" and its line end: 21 bytes around the id.
        Assert.That((await production.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 70)))).Status, Is.EqualTo(200));
        Assert.That((await production.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 90)))).Status, Is.EqualTo(414), "beyond appsettings.json's 100");
        Assert.That((await staging.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 150)))).Status, Is.EqualTo(200), "beyond appsettings.json's 100");
        Assert.That((await staging.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 190)))).Status, Is.EqualTo(414), "beyond appsettings.Staging.json's 200");
    }

    [Test]
    public async Task A_content_root_set_in_the_environment_or_on_the_command_line_still_applies(
        [Values("ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "--contentRoot")] string setting)
    {
        using var temporary = new TemporaryFolder();
        var elsewhere = temporary.FullName;
        using var api = setting.StartsWith("--", StringComparison.Ordinal) ? ApiProcess.Start(arguments: [setting, elsewhere]) : ApiProcess.Start([(setting, elsewhere)]);

        Assert.That(await api.WaitForOutputAsync(line => line.Contains("Content root path", StringComparison.Ordinal), milliseconds: 30_000), Does.EndWith(elsewhere));
    }
}
