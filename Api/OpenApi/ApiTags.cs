namespace Api.OpenApi;

internal static class ApiTags
{
    public const string Tutorial = "Tutorial";
    public const string Converters = "Converters";
    public const string Operations = "Operations";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Tutorial] = "The endpoints of the Flask tutorial: a greeting, routing with a parameter, and two form-processing POST endpoints.",
        [Converters] = "Flask's URL converters (string, int, float, path, uuid) and the tutorial's custom `list` converter, each echoing its typed value.",
        [Operations] = "Health probes for orchestrators and load balancers: liveness and readiness.",
    };
}
