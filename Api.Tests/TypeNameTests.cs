using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Api.Tests;

/// <summary>
/// The API's own types are named for what they do and never shadow a framework type, nor nearly: not the same words
/// with a word added before or after (<c>ApiProblemDetails</c>, <c>CachingSettings</c> beside <c>ResponseCachingSettings</c>),
/// nor the same words in another form (<c>WerkzeugMatcherPolicy</c> beside <c>MatcherPolicy</c>, <c>HostingSettings</c> beside
/// <c>HostOptions</c>). A type that derives from the framework's type it is named after (<c>ItemsDbContext</c>) is that
/// type's kind, not a look-alike.
/// </summary>
public sealed partial class TypeNameTests
{
    private static readonly string[] FrameworkPrefixes = ["System.", "Microsoft.", "FluentValidation", "OpenTelemetry", "Scalar.", "Npgsql"];

    // The test runner's and EF Core's design-time tools' own assemblies are loaded here, never by the API.
    private static readonly string[] TestPlatformPrefixes = ["Microsoft.Testing.", "Microsoft.TestPlatform", "Microsoft.VisualStudio.", "Microsoft.CodeAnalysis", "Microsoft.Build"];

    // Public types in a namespace named Internal are the framework's own plumbing, not names an application uses.
    private static readonly Lazy<Type[]> FrameworkTypes = new(() =>
        [.. FrameworkAssemblies().SelectMany(ExportedTypes).Where(type => type.Namespace?.Contains(".Internal", StringComparison.Ordinal) != true)]);

    [Test]
    public void No_type_of_the_api_has_the_name_of_a_public_type_of_the_framework_or_its_libraries()
    {
        var frameworkNames = FrameworkTypes.Value.Select(type => type.Name).ToHashSet(StringComparer.Ordinal);

        var shadowing = ApiTypes().Where(type => frameworkNames.Contains(type.Name)).Select(type => type.FullName);

        Assert.That(frameworkNames, Is.SupersetOf(new[] { "StringConverter", "ProblemDetailsFactory", "JsonOptions" }), "the framework's names were read");
        Assert.That(shadowing, Is.Empty);
    }

    [Test]
    public void No_type_of_the_api_nearly_shares_the_name_of_a_public_type_of_the_framework()
    {
        // Each framework name of two words or more, by its stems. A class of extension methods is found by its methods, never
        // confused with a type of the API.
        var names = FrameworkTypes.Value.Select(type => (Type: type, Words: Stems(type.Name)))
            .Where(named => named.Words.Length >= 2 && !(named.Type.IsAbstract && named.Type.IsSealed && named.Type.Name.EndsWith("Extensions", StringComparison.Ordinal)))
            .ToLookup(named => Key(named.Words), named => named.Type, StringComparer.Ordinal);

        var nearShadows = new List<string>();
        foreach (var type in ApiTypes())
        {
            var words = Stems(type.Name);
            // The same words in another form, whatever the type derives from.
            var candidates = names[Key(words)].Where(framework => framework.Name != type.Name).ToList();
            // The framework's name with words before or after it, unless the type is named for its own kind (ItemsDbContext).
            if (!IsNamedForItsKind(type))
            {
                for (var length = 2; length < words.Length; length++)
                {
                    candidates.AddRange(names[Key(words[..length])]);
                    candidates.AddRange(names[Key(words[^length..])]);
                }
            }

            nearShadows.AddRange(candidates.Select(framework => $"{type.FullName} nearly shadows {framework.FullName}").Distinct(StringComparer.Ordinal));
        }

        Assert.That(nearShadows, Is.Empty, string.Join(Environment.NewLine, nearShadows));
    }

    [TestCase("HostingSettings", "HostOptions", true)]
    [TestCase("MatchingPolicy", "MatcherPolicy", true)]
    [TestCase("RateLimitingOptions", "RateLimiterOptions", true)]
    [TestCase("ConditionalGetFilter", "ConditionalRequestFilter", false)]
    [TestCase("HealthController", "HealthCheck", false)]
    public void Words_in_another_form_have_the_same_stems_and_other_words_other_stems(string ours, string framework, bool same) =>
        Assert.That(Key(Stems(ours)) == Key(Stems(framework)), Is.EqualTo(same));

    private static IEnumerable<Type> ApiTypes() =>
        typeof(Program).Assembly.GetTypes().Where(type => type != typeof(Program)
            && type.GetCustomAttribute<CompilerGeneratedAttribute>() is null
            && !type.FullName!.Contains('<', StringComparison.Ordinal)
            && type.Namespace?.StartsWith("Api", StringComparison.Ordinal) == true
            && !type.Namespace.Contains(".Migrations", StringComparison.Ordinal));

    /// <summary>Named "what it is for" and then the kind it derives from or implements: <c>BigIntegerJsonConverter</c>, <c>ItemsDbContext</c>.</summary>
    private static bool IsNamedForItsKind(Type type) =>
        type.GetInterfaces().Select(face => face.Name[1..]).Concat(Bases(type).Select(baseType => baseType.Name))
            .Select(name => name.Split('`')[0])
            .Any(kind => kind.Length > 0 && kind != type.Name && type.Name.EndsWith(kind, StringComparison.Ordinal));

    private static IEnumerable<Type> Bases(Type type)
    {
        for (var baseType = type.BaseType; baseType is not null && baseType != typeof(object); baseType = baseType.BaseType) yield return baseType;
    }

    /// <summary>The words of a type's name, lower case, each reduced to its stem: <c>Hosting</c> and <c>Host</c>, <c>Settings</c> and <c>Options</c> are one.</summary>
    private static string[] Stems(string name) =>
        [.. Words().Split(name[..(name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? tick : name.Length)])
            .Where(word => word.Length > 0)
            .Select(word => word.ToLowerInvariant() switch
            {
                "settings" or "options" => "option",
                var lower => new[] { "ing", "er", "or", "s", "e" }.FirstOrDefault(suffix => lower.Length - suffix.Length >= 3 && lower.EndsWith(suffix, StringComparison.Ordinal)) is { } suffix
                    ? lower[..^suffix.Length]
                    : lower,
            })];

    private static string Key(string[] stems) => string.Join(' ', stems);

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex Words();

    // Every managed assembly the test host can load: the shared frameworks and the packages.
    private static IEnumerable<Assembly> FrameworkAssemblies() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => FrameworkPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal))
                && !TestPlatformPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
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
