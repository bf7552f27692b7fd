namespace Api.Security;

/// <summary>Which other origins' pages may call the API (section <c>Cors</c>); none while the list is empty.</summary>
internal sealed class CrossOriginOptions
{
    public const string Section = "Cors";

    /// <summary>Origins exactly as browsers send them, such as <c>https://app.example.com</c>; <c>*</c> alone for any.</summary>
    public IList<string> AllowedOrigins { get; } = [];
}

internal sealed class CrossOriginOptionsValidator : AbstractValidator<CrossOriginOptions>
{
    public CrossOriginOptionsValidator() =>
        RuleForEach(o => o.AllowedOrigins).Must((options, origin) => origin == "*" ? options.AllowedOrigins.Count == 1 : IsOrigin(origin))
            .WithMessage("must be an origin as browsers send it, such as https://app.example.com (lower case, no path, no default port), or * alone");

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.GetLeftPart(UriPartial.Authority) == origin;
}
