using Api.Features.Items;

namespace Api.Tests.Features.Items;

/// <summary>The store's own check of what it keeps, without a database: what it refuses names the field.</summary>
public sealed class ItemRulesTests
{
    [TestCase("", null, "1", "name")]
    [TestCase("nul\0", null, "1", "name")]
    [TestCase("x", "nul\0", "1", "description")]
    [TestCase("x", null, "0.001", "price")]
    public void A_field_the_store_would_not_keep_is_refused_naming_it(string name, string? description, string price, string field)
    {
        var refused = Assert.Throws<ArgumentException>(() => ItemRules.Check(new ItemFields(name, description, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))));

        Assert.That(refused!.Message, Does.StartWith($"The {field} must be"));
    }

    [TestCase("")]
    [TestCase(null)]
    public void An_empty_description_or_none_is_kept(string? description) =>
        Assert.DoesNotThrow(() => ItemRules.Check(new ItemFields("x", description, 0m)));

    [Test]
    public void Nothing_to_check_is_a_null_argument()
    {
        Assert.Throws<ArgumentNullException>(() => ItemRules.Check(null!));
        Assert.Throws<ArgumentNullException>(() => ItemRules.CodePoints(null!));
    }
}
