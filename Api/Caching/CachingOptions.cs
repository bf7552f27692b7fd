namespace Api.Caching;

/// <summary>How long caches may keep the answers that carry an ETag, and their 304s (section <c>Caching</c>).</summary>
internal sealed class CachingOptions
{
    public const string Section = "Caching";

    public string CacheControl { get; set; } = "public, max-age=60";
}

internal sealed class CachingOptionsValidator : AbstractValidator<CachingOptions>
{
    public CachingOptionsValidator() => RuleFor(o => o.CacheControl).Must(value => CacheControlHeaderValue.TryParse(value, out _))
        .WithMessage("must be a Cache-Control value such as 'public, max-age=60' or 'no-cache'");
}
