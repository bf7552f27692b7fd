using System.Text.Json;
using System.Text.Json.Nodes;

namespace Api.Tests.Support;

public static class JsonLines
{
    /// <summary>Whether a line a process wrote is one JSON object, as the json log formatter writes each entry.</summary>
    public static bool IsObject(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
