namespace Api.Features.Items;

/// <summary>An item as a client sends it, in JSON or as a form: its <c>id</c> and times, if sent, are not read.</summary>
public sealed record ItemRequest
{
    /// <summary>1 to 100 characters, not only white space.</summary>
    public string? Name { get; init; }

    /// <summary>At most 1,000 characters, or null.</summary>
    public string? Description { get; init; }

    /// <summary>From 0 to 1,000,000,000, with at most two decimals, kept exactly.</summary>
    public decimal? Price { get; init; }

    internal ItemFields ToFields() => new(Name!, Description, Price!.Value);
}

/// <summary>Every field that breaks a rule is named at once, under the name clients send.</summary>
internal sealed class ItemRequestValidator : AbstractValidator<ItemRequest>
{
    public ItemRequestValidator()
    {
        RuleFor(item => item.Name).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("The name is required.")
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("The name must not be empty or only white space.")
            .Must(name => ItemRules.CodePoints(name!) is >= 1 and <= ItemRules.NameMaxLength)
            .WithMessage($"The name must be at most {ItemRules.NameMaxLength} characters, without NUL or unpaired surrogate.")
            .OverridePropertyName("name");
        RuleFor(item => item.Description)
            .Must(description => description is null || ItemRules.CodePoints(description) is >= 0 and <= ItemRules.DescriptionMaxLength)
            .WithMessage($"The description must be null or at most {ItemRules.DescriptionMaxLength} characters, without NUL or unpaired surrogate.")
            .OverridePropertyName("description");
        RuleFor(item => item.Price).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("The price is required.")
            .Must(price => ItemRules.IsPrice(price!.Value)).WithMessage($"The price must be a number from 0 to {ItemRules.MaxPrice:N0} with at most two decimals.")
            .OverridePropertyName("price");
    }
}

/// <summary>Which page of items: after which id (none: from the first), and how many.</summary>
public sealed record ItemListQuery
{
    /// <summary>The id the page starts after: 0 or more; the first item when absent.</summary>
    [FromQuery(Name = "after")]
    public long? After { get; init; }

    /// <summary>How many items, from 1 to 100.</summary>
    [FromQuery(Name = "limit")]
    public int Limit { get; init; } = 20;
}

internal sealed class ItemListQueryValidator : AbstractValidator<ItemListQuery>
{
    public ItemListQueryValidator()
    {
        RuleFor(query => query.After).GreaterThanOrEqualTo(0).WithMessage("The id to start after must be 0 or more.").OverridePropertyName("after");
        RuleFor(query => query.Limit).InclusiveBetween(1, ItemRules.PageMaxSize)
            .WithMessage($"The page size must be from 1 to {ItemRules.PageMaxSize}.").OverridePropertyName("limit");
    }
}
