using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Api.Tests.Support;

/// <summary>
/// HTTP/1.1 over a loopback socket, byte for byte: what a client sends is written as is (request
/// target forms, control bytes, broken framing, several requests at once), and everything the
/// server answers is read until it closes the connection.
/// </summary>
public static class RawHttp
{
    /// <summary>What came back: the bytes, and whether the server closed the connection before the timeout.</summary>
    public sealed record Exchange(byte[] Received, bool Closed);

    public static async Task<Exchange> ExchangeAsync(int port, byte[] request, TimeSpan timeout, bool closeSending = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cancel = new CancellationTokenSource(timeout);
        await socket.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
        try
        {
            await socket.SendAsync(request, SocketFlags.None, cancel.Token);
            if (closeSending)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // The server may answer and close before it has read everything (an overlong line).
        }

        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token) is var read and > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            return new Exchange(received.ToArray(), Closed: false);
        }
        catch (SocketException)
        {
            // A reset is a close too.
        }

        return new Exchange(received.ToArray(), Closed: true);
    }

    /// <summary>A connection to the server with <paramref name="text"/> sent on it and left open: the rest comes later, or never.</summary>
    public static async Task<TcpClient> OpenAsync(int port, string text)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text));
        return client;
    }

    /// <summary>Everything the server sends on an open connection until it closes it (or resets it), as text.</summary>
    public static async Task<string> ReadUntilClosedAsync(NetworkStream stream, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var cancel = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, cancel.Token) is var read and > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>The request's bytes: its line, a Host header, the given headers, framing for the body, and Connection: close.</summary>
    public static byte[] Format(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var head = new StringBuilder($"{request.Method} {request.Target} HTTP/1.1\r\nHost: localhost\r\n");
        if (request.ContentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {request.ContentType}\r\n");
        }

        foreach (var (name, value) in request.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        var body = request.Body ?? [];
        if (request.Chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
            body = body.Length == 0 ? [.. "0\r\n\r\n"u8] : [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8];
        }
        else if (request.Body is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
    }

    /// <summary>
    /// Every complete answer in what the server sent, in order. An answer to HEAD has no body
    /// whatever its Content-Length says; <paramref name="isHead"/> tells which answers those are.
    /// </summary>
    public static List<ApiResponse> Parse(byte[] received, Func<int, bool> isHead)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(isHead);
        var responses = new List<ApiResponse>();
        var position = 0;
        while (position < received.Length)
        {
            var end = received.AsSpan(position).IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                break;
            }

            var lines = Encoding.Latin1.GetString(received, position, end).Split("\r\n");
            position += end + 4;
            var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = new HeaderDictionary();
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Append(line[..colon], line[(colon + 1)..].Trim());
            }

            var (body, next) = ReadBody(received, position, status, headers, isHead(responses.Count));
            responses.Add(new ApiResponse(status, headers, body));
            position = next;
            if (status >= 100 && status < 200)
            {
                responses.RemoveAt(responses.Count - 1);
            }
        }

        return responses;
    }

    private static (byte[] Body, int Next) ReadBody(byte[] received, int position, int status, IHeaderDictionary headers, bool head)
    {
        if (head || status is (>= 100 and < 200) or 204 or 304)
        {
            return ([], position);
        }

        if (headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new MemoryStream();
            while (true)
            {
                var lineEnd = received.AsSpan(position).IndexOf("\r\n"u8);
                var size = int.Parse(Encoding.ASCII.GetString(received, position, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                position += lineEnd + 2;
                if (size == 0)
                {
                    return (body.ToArray(), position + 2);
                }

                body.Write(received, position, size);
                position += size + 2;
            }
        }

        var length = headers.ContentLength is { } declared ? (int)declared : received.Length - position;
        length = Math.Min(length, received.Length - position);
        return (received.AsSpan(position, length).ToArray(), position + length);
    }
}
