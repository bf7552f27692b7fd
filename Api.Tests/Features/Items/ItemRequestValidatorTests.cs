using Api.Features.Items;
using FluentValidation.TestHelper;

namespace Api.Tests.Features.Items;

/// <summary>
/// The items' request rules on their own, at their boundaries: each test builds its validator, where the API builds
/// one per host (ItemsRouteTests checks the same rules through HTTP).
/// </summary>
public sealed class ItemRequestValidatorTests
{
    private const string Emoji = "\U0001F600";

    private static TestValidationResult<ItemRequest> Validate(string? name = "Widget", string? description = null, decimal? price = 1m) =>
        new ItemRequestValidator().TestValidate(new ItemRequest { Name = name, Description = description, Price = price });

    private static TestValidationResult<ItemListQuery> Validate(long? after, int limit) =>
        new ItemListQueryValidator().TestValidate(new ItemListQuery { After = after, Limit = limit });

    [TestCase(1, "x")]
    [TestCase(1, " x ")]
    [TestCase(100, "a")]
    [TestCase(100, Emoji)]
    public void A_name_of_1_to_100_code_points_passes(int times, string text) =>
        Validate(string.Concat(Enumerable.Repeat(text, times))).ShouldNotHaveAnyValidationErrors();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("a\0b")]
    public void A_missing_blank_or_nul_holding_name_fails_once_under_name(string? name) => FailsOnceUnder(Validate(name), "name");

    // Built here, and named: neither an attribute's string nor a test's name can hold an unpaired surrogate.
    [TestCase('a', '\ud800', TestName = "{m}(a high surrogate last)")]
    [TestCase('\udc00', 'a', TestName = "{m}(a low surrogate first)")]
    public void A_name_with_an_unpaired_surrogate_fails_once_under_name(char first, char second) =>
        FailsOnceUnder(Validate(new string([first, second])), "name");

    [Test]
    public void A_name_of_101_code_points_fails_under_name() => FailsOnceUnder(Validate(new string('a', 101)), "name");

    [TestCase(null)]
    [TestCase("")]
    [TestCase(1000)]
    public void No_description_an_empty_one_or_one_of_1000_code_points_passes(object? description) =>
        Validate(description: description is int count ? new string('d', count) : (string?)description).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_description_of_1001_code_points_fails_under_description() => FailsOnceUnder(Validate(description: new string('d', 1001)), "description");

    [Test]
    public void A_description_holding_nul_fails_under_description() => FailsOnceUnder(Validate(description: "d\0"), "description");

    [TestCase("0")]
    [TestCase("19.99")]
    [TestCase("1000000000")]
    public void A_price_from_0_to_a_billion_with_two_decimals_passes(string price) =>
        Validate(price: decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)).ShouldNotHaveAnyValidationErrors();

    [TestCase(null)]
    [TestCase("-0.01")]
    [TestCase("1000000000.01")]
    [TestCase("19.999")]
    public void A_missing_negative_too_large_or_too_precise_price_fails_once_under_price(string? price) =>
        FailsOnceUnder(Validate(price: price is null ? null : decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)), "price");

    [Test]
    public void Every_broken_field_is_named_at_once_each_with_its_own_message()
    {
        var result = Validate(null, new string('d', 1001), null);

        Assert.That(result.Errors.Select(error => error.PropertyName), Is.EquivalentTo(new[] { "name", "description", "price" }));
        Assert.That(result.Errors.Select(error => error.ErrorMessage).Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public void The_messages_of_each_name_and_price_rule_differ()
    {
        var names = new[] { null, " ", new string('a', 101) }.Select(name => Validate(name).Errors.Single().ErrorMessage);
        var prices = new decimal?[] { null, -1m }.Select(price => Validate(price: price).Errors.Single().ErrorMessage);

        Assert.That(names.Distinct().Count(), Is.EqualTo(3));
        Assert.That(prices.Distinct().Count(), Is.EqualTo(2));
    }

    [TestCase(null, 1)]
    [TestCase(0L, 100)]
    [TestCase(long.MaxValue, 20)]
    public void A_page_from_any_id_of_1_to_100_items_passes(long? after, int limit) => Validate(after, limit).ShouldNotHaveAnyValidationErrors();

    [TestCase(-1L, 20, "after")]
    [TestCase(null, 0, "limit")]
    [TestCase(null, 101, "limit")]
    public void A_negative_id_or_a_page_size_outside_1_to_100_fails_under_its_parameter(long? after, int limit, string parameter) =>
        FailsOnceUnder(Validate(after, limit), parameter);

    private static void FailsOnceUnder<T>(TestValidationResult<T> result, string field)
    {
        var error = result.Errors.Single();
        Assert.That(error.PropertyName, Is.EqualTo(field));
        Assert.That(error.ErrorMessage, Is.Not.Empty);
    }
}
