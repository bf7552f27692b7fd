namespace Api.Tests.Features.Convert;

/// <summary><c>/convert/{converter}/{value}</c> beyond the Flask replay (Parity/ParityTests), which sends every converter its typed values and refusals.</summary>
public sealed class ConvertRouteTests : ApiTestBase
{
    [Test]
    public async Task A_float_beyond_the_range_of_a_double_is_404_not_infinity() =>
        ProblemAssert.IsProblem(await GetAsync("/convert/float/" + new string('9', 400) + ".0"), 404);
}
