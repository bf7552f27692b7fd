namespace Api.Tests.Support;

/// <summary>A folder of its own under the system's temporary folder, deleted with what it holds once disposed.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string FullName { get; } = Directory.CreateTempSubdirectory().FullName;

    public void Dispose() => Directory.Delete(FullName, recursive: true);
}
