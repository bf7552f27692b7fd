namespace Api.Features.TestEndpoint;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestEndpointJsonContext : JsonSerializerContext;
