namespace Api.Tests.Support;

/// <summary>One API process per fixture, started on the default settings unless the fixture starts it otherwise.</summary>
public abstract class ApiProcessTestBase
{
    protected ApiProcess Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => Server = await StartAsync();

    [OneTimeTearDown]
    public void StopServer() => Server.Dispose();

    protected virtual Task<ApiProcess> StartAsync() => ApiProcess.StartListeningAsync();
}
