using System.Reflection;
using System.Runtime.CompilerServices;

namespace Api.Tests;

/// <summary>The API's own types are named for what they do and never shadow a framework type.</summary>
public sealed class TypeNameTests
{
    private static readonly string[] FrameworkPrefixes = ["System.", "Microsoft.", "FluentValidation", "OpenTelemetry", "Scalar."];

    [Test]
    public void No_type_of_the_api_has_the_name_of_a_public_type_of_the_framework_or_its_libraries()
    {
        var frameworkNames = FrameworkAssemblies().SelectMany(ExportedTypes).Select(type => type.Name).ToHashSet(StringComparer.Ordinal);

        var shadowing = typeof(Program).Assembly.GetTypes()
            .Where(type => type != typeof(Program) && type.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !type.FullName!.Contains('<', StringComparison.Ordinal))
            .Where(type => frameworkNames.Contains(type.Name))
            .Select(type => type.FullName);

        Assert.That(frameworkNames, Is.SupersetOf(new[] { "StringConverter", "ProblemDetailsFactory", "JsonOptions" }), "the framework's names were read");
        Assert.That(shadowing, Is.Empty);
    }

    // Every managed assembly the test host can load: the shared frameworks and the packages.
    private static IEnumerable<Assembly> FrameworkAssemblies() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => FrameworkPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Select(name => { try { return Assembly.Load(name); } catch (Exception exception) when (exception is FileNotFoundException or FileLoadException or BadImageFormatException) { return null; } })
            .OfType<Assembly>();

    private static Type[] ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (Exception exception) when (exception is NotSupportedException or FileNotFoundException or ReflectionTypeLoadException)
        {
            return [];
        }
    }
}
