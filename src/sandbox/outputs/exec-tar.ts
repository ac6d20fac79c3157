/**
 * Reads /output of a running sandbox container. Docker's archive API cannot see tmpfs mounts, so the
 * container's own `tar` (from the read-only image, run as the sandbox user) streams the directory over
 * an exec, demultiplexed here with back-pressure and parsed with caps by readOutputTar. tar records
 * symlinks and FIFOs as such without opening them; the parser skips them. Nothing is written on the host.
 */
import type Docker from 'dockerode';
import { PassThrough, type Duplex } from 'node:stream';

import { DockerStreamDemuxer } from '../docker/demux.js';
import { readOutputTar } from './tar-reader.js';
import { OUTPUT_DIR, type CollectedOutputs, type OutputLimits } from './types.js';

export async function readOutputsByExec(
  container: Docker.Container,
  limits: OutputLimits,
): Promise<CollectedOutputs> {
  const exec = await container.exec({
    // `tar -C / output`: entries are named output/..., the directory itself first.
    Cmd: ['tar', '-C', '/', '-cf', '-', OUTPUT_DIR.replace(/^\//, '')],
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const socket = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  const archive = new PassThrough({ highWaterMark: 1 << 20 });
  const demuxer = new DockerStreamDemuxer(
    (payload) => {
      // Back-pressure: a slow parser pauses the exec stream instead of buffering it here.
      if (!archive.write(payload)) {
        socket.pause();
        archive.once('drain', () => socket.resume());
      }
    },
    () => undefined, // tar's complaints are not ours to keep
  );
  socket.on('data', (chunk: Buffer) => demuxer.push(chunk));
  socket.on('end', () => archive.end());
  socket.on('error', (error) => archive.destroy(error));
  try {
    return await readOutputTar(archive, limits);
  } finally {
    socket.destroy();
  }
}
