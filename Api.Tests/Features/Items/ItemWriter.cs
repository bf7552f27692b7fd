using System.Globalization;
using System.Text.Json.Nodes;

namespace Api.Tests.Features.Items;

/// <summary>Items written and read back through the API's own routes, on a process of its own.</summary>
public static class ItemWriter
{
    /// <summary><c>POST /items</c> of an item named <paramref name="name"/>, as written (201, 503 or another answer).</summary>
    public static Task<ApiResponse> AddAsync(ApiProcess api, string name)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.SendAsync(ApiRequest.Json("POST", "/items", new JsonObject { ["name"] = name, ["price"] = 1.25m }.ToJsonString()));
    }

    /// <summary>The id of the item a 201 answers.</summary>
    public static long IdOf(ApiResponse created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return (long)created.Json!["id"]!;
    }

    /// <summary>The name of the item <paramref name="id"/>, or null when there is none.</summary>
    public static async Task<string?> NameAsync(ApiProcess api, long id)
    {
        var response = await api.SendAsync(ApiRequest.Get("/items/" + id.ToString(CultureInfo.InvariantCulture)));
        return response.Status == 200 ? (string?)response.Json!["name"] : null;
    }
}
