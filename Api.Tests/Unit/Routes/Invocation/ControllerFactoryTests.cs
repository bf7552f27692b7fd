using Api.Echo;
using Api.Routes;
using Api.Routes.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Api.Tests.Unit.Routes.Invocation;

public sealed class ControllerFactoryTests
{
    [Test]
    public void Creates_a_new_controller_per_call_with_its_constructor_services()
    {
        var echo = Mock.Of<IEchoService>();
        using var services = new ServiceCollection().AddSingleton(echo).BuildServiceProvider();

        var create = ControllerFactory.For(typeof(HelloController));
        Assert.That(create, Is.Not.Null);
        var first = create!(services);
        var second = create(services);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.InstanceOf<HelloController>());
            Assert.That(second, Is.Not.SameAs(first));
        });
    }

    [Test]
    public void Passes_every_constructor_parameter_from_the_services()
    {
        using var services = new ServiceCollection().AddSingleton("text").AddSingleton(new Uri("http://example.test/")).BuildServiceProvider();

        var created = (TwoServices)ControllerFactory.For(typeof(TwoServices))!(services);

        Assert.Multiple(() =>
        {
            Assert.That(created.Text, Is.EqualTo("text"));
            Assert.That(created.Address, Is.EqualTo(new Uri("http://example.test/")));
        });
    }

    [Test]
    public void A_missing_service_is_an_error_not_a_null_argument()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        var create = ControllerFactory.For(typeof(HelloController))!;

        Assert.That(() => create(services), Throws.InvalidOperationException);
    }

    [Test]
    public void A_type_with_several_public_constructors_has_no_factory()
    {
        Assert.That(ControllerFactory.For(typeof(TwoConstructors)), Is.Null);
    }

    private sealed class TwoServices(string text, Uri address)
    {
        public string Text { get; } = text;

        public Uri Address { get; } = address;
    }

    private sealed class TwoConstructors
    {
        public TwoConstructors()
        {
        }

        public TwoConstructors(string text) => _ = text;
    }
}
