namespace Api.CrossOrigin;

internal sealed class CrossOriginSettings
{
    public const string Section = "Cors";

    public IList<string> AllowedOrigins { get; } = [];
}

internal sealed class CrossOriginSettingsValidator : AbstractValidator<CrossOriginSettings>
{
    public CrossOriginSettingsValidator() => RuleForEach(o => o.AllowedOrigins)
        .Must((options, origin) => origin == "*" ? options.AllowedOrigins.Count == 1 : Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.GetLeftPart(UriPartial.Authority) == origin)
        .WithMessage("must be an origin as browsers send it, such as https://app.example.com (lower case, no path, no default port), or * alone");
}
