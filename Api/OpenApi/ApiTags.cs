namespace Api.OpenApi;

internal static class ApiTags
{
    public const string Tutorial = "Tutorial";
    public const string Converters = "Converters";
    public const string Items = "Items";
    public const string Operations = "Operations";

    // Hidden on the docs page (x-scalar-ignore): the GETs say the same.
    public const string AutomaticMethods = "HEAD and OPTIONS";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Tutorial] = "The endpoints of the Flask tutorial: a greeting, routing with a parameter, and two form-processing POST endpoints.",
        [Converters] = "Flask's URL converters (string, int, float, path, uuid) and the tutorial's custom `list` converter, each echoing its typed value.",
        [Items] = "Stored items: the five verbs, with validators and preconditions, on SQLite or PostgreSQL.",
        [Operations] = "Health probes for orchestrators and load balancers: liveness and readiness.",
        [AutomaticMethods] = "Every GET also answers HEAD, and every path OPTIONS, as Werkzeug's routes do.",
    };
}
