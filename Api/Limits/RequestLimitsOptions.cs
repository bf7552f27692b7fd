using System.ComponentModel.DataAnnotations;

namespace Api.Limits;

/// <summary>The limits every request is held to (configuration section <c>Limits</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest request body, in bytes, chunked bodies included: 413 beyond it.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most fields (multipart: parts, files included) a form may hold: 413 beyond it.</summary>
    [Range(1, int.MaxValue)]
    public int MaxFormFields { get; set; } = 1000;

    /// <summary>The longest form key, in bytes as sent: 413 beyond it.</summary>
    [Range(1, int.MaxValue)]
    public int MaxFormKeyBytes { get; set; } = 2048;

    /// <summary>How long a request may take, from its headers to its answer: 408 beyond it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
