namespace Api.Tests.Integration;

/// <summary>One in-memory server per fixture; every request goes through the whole pipeline.</summary>
public abstract class ApiTestBase
{
    protected ApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer() => Factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopServer() => Factory.Dispose();

    protected Task<ApiResponse> SendAsync(string method, string rawTarget, HttpContent? content = null) =>
        Factory.SendRawAsync(method, rawTarget, content);

    protected Task<ApiResponse> GetAsync(string rawTarget) => SendAsync("GET", rawTarget);

    protected Task<ApiResponse> PostFormAsync(string rawTarget, string urlEncoded) =>
        SendAsync("POST", rawTarget, ApiFactory.Form(urlEncoded));
}
