namespace Api.TrustedProxies;

internal sealed class TrustedProxiesSettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }
    public IList<string> KnownProxies { get; } = [];
    public IList<string> KnownNetworks { get; } = [];
    public int ForwardLimit { get; set; } = 1;
}

internal sealed class TrustedProxiesSettingsValidator : AbstractValidator<TrustedProxiesSettings>
{
    public TrustedProxiesSettingsValidator()
    {
        RuleForEach(o => o.KnownProxies).Must(proxy => IPAddress.TryParse(proxy, out _))
            .WithMessage("must be an IP address such as 127.0.0.1");
        RuleForEach(o => o.KnownNetworks).Must(network => IPNetwork.TryParse(network, out _))
            .WithMessage("must be a network in CIDR form such as 10.0.0.0/8");
        RuleFor(o => o.ForwardLimit).GreaterThanOrEqualTo(1).WithMessage("must be a number of proxies, at least 1");
    }
}
