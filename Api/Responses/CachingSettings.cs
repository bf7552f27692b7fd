namespace Api.Responses;

/// <summary>How long caches may keep the answers that carry the build's validators, and their 304s (section <c>Caching</c>).</summary>
internal sealed class CachingSettings
{
    public const string Section = "Caching";

    public string CacheControl { get; set; } = "public, max-age=60";
}

internal sealed class CachingSettingsValidator : AbstractValidator<CachingSettings>
{
    public CachingSettingsValidator() => RuleFor(o => o.CacheControl).Must(value => CacheControlHeaderValue.TryParse(value, out _))
        .WithMessage("must be a Cache-Control value such as 'public, max-age=60' or 'no-cache'");
}
