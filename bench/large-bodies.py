"""Large-body load for bench/large-bodies.sh: CONNECTIONS connections at once, each sending REQUESTS
keep-alive POST /exemple with a BODY_KIB KiB urlencoded body (param1=aaa...) and reading each
answer whole. Prints "RESULT requests=N ok=N other=N errors=N seconds=S"."""
import asyncio
import sys
import time

host, port, connections, requests, body_kib = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:6])
body = b"param1=" + b"a" * (body_kib * 1024 - 7)
head = (f"POST /exemple HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n").encode()
expected = b'{"return1":"' + body[7:] + b'AAA"}'
counts = {"requests": 0, "ok": 0, "other": 0, "errors": 0}


async def connection():
    try:
        reader, writer = await asyncio.open_connection(host, port)
        for _ in range(requests):
            writer.write(head)
            writer.write(body)
            await writer.drain()
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            answer = await reader.readexactly(length)
            counts["requests"] += 1
            counts["ok" if status == 200 and answer == expected else "other"] += 1
        writer.close()
        await writer.wait_closed()
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        counts["errors"] += 1


async def main():
    started = time.monotonic()
    await asyncio.gather(*(connection() for _ in range(connections)))
    print("RESULT " + " ".join(f"{k}={v}" for k, v in counts.items()) + f" seconds={time.monotonic() - started:.1f}")


asyncio.run(main())
