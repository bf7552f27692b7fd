using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Api.Tests.Parity;

/// <summary>One recorded exchange with the reference Flask app: the request, and Flask's answer.</summary>
public sealed record Transcript(string Name, TranscriptRequest Request, TranscriptResponse Flask)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IEnumerable<TestCaseData> Load(string file)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Parity", "Transcripts", file);
        var transcripts = JsonSerializer.Deserialize<List<Transcript>>(File.ReadAllText(path), Options)!;
        return transcripts.Select(t => new TestCaseData(t).SetName($"{Path.GetFileNameWithoutExtension(file)}: {t.Name}"));
    }

    public override string ToString() => Name;
}

public sealed record TranscriptRequest(
    string Method,
    string Path,
    Dictionary<string, string>? Headers,
    string? Body,
    string? BodyBase64)
{
    public byte[]? BodyBytes => BodyBase64 is not null ? Convert.FromBase64String(BodyBase64) : Body is null ? null : Encoding.UTF8.GetBytes(Body);
}

public sealed record TranscriptResponse(
    int Status,
    List<string>? Allow,
    string? ContentType,
    long ContentLength,
    string? Body,
    [property: JsonPropertyName("bodyBase64")] string? BodyBase64);
