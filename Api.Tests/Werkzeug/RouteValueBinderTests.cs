using System.Numerics;
using Api.Werkzeug;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;

namespace Api.Tests.Werkzeug;

/// <summary>A route parameter binds to the value its converter put in the route values, never to a conversion of its own.</summary>
public sealed class RouteValueBinderTests
{
    private static async Task<ModelBindingResult> BindAsync<T>(object? routeValue)
    {
        var context = new DefaultModelBindingContext
        {
            ActionContext = new ActionContext { HttpContext = new DefaultHttpContext(), RouteData = new RouteData(new RouteValueDictionary { ["value"] = routeValue }) },
            FieldName = "value",
            ModelMetadata = new EmptyModelMetadataProvider().GetMetadataForType(typeof(T)),
        };
        await new RouteValueBinder().BindModelAsync(context);
        return context.Result;
    }

    [Test]
    public async Task A_parameter_binds_to_its_converters_value() =>
        Assert.That(await BindAsync<BigInteger>(new BigInteger(7)), Is.EqualTo(ModelBindingResult.Success(new BigInteger(7))));

    [Test]
    public async Task A_parameter_whose_type_its_converter_does_not_give_fails_naming_both_rather_than_binding_something_else()
    {
        var text = await Assert.ThrowsAsync<InvalidOperationException>(() => BindAsync<BigInteger>("7"));
        var nothing = await Assert.ThrowsAsync<InvalidOperationException>(() => BindAsync<Guid>(null));

        Assert.That(text!.Message, Is.EqualTo("Route parameter 'value' is a BigInteger, but its converter gives String."));
        Assert.That(nothing!.Message, Is.EqualTo("Route parameter 'value' is a Guid, but its converter gives nothing."));
    }
}
