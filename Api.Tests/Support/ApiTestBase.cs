
namespace Api.Tests.Support;

/// <summary>One in-memory server per fixture; every request goes through the whole pipeline and the contract check.</summary>
public abstract class ApiTestBase
{
    protected ApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer() => Factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopServer() => Factory.Dispose();

    protected Task<ApiResponse> SendAsync(ApiRequest request) => Factory.SendAsync(request);

    protected Task<ApiResponse> SendAsync(string method, string target) => Factory.SendAsync(new ApiRequest(method, target));

    protected Task<ApiResponse> GetAsync(string target) => Factory.GetAsync(target);

    protected Task<ApiResponse> PostFormAsync(string target, string urlEncoded) => Factory.PostFormAsync(target, urlEncoded);
}
