namespace Api.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The folder holding Api.sln, found upwards from the test binaries.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Api.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Api.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
