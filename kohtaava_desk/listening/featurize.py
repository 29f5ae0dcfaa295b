"""Turn a chunk of speech into numbers (speaker embedding, levels); its audio is dropped after this."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kohtaava_desk.listening.chunks import SpeechChunk
from kohtaava_desk.listening.vad import level_dbfs
from kohtaava_desk.speakers.attribution import ChunkFeatures


class ChunkFeaturizer:
    """SpeechChunk in, ChunkFeatures out. Single-microphone chunks are embedded; tails are not."""

    def __init__(self, tail_max_s: float = 0.5, two_channel: bool = False,
                 embed: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        self.tail_max_s = tail_max_s
        self.two_channel = two_channel
        self._embed = embed
        self.embedded = 0

    def reset(self) -> None:
        self.embedded = 0

    def _embedder(self) -> Callable[[np.ndarray], np.ndarray]:
        if self._embed is None:
            from kohtaava_desk.speakers.embedding import chunk_embedder

            self._embed = chunk_embedder()
        return self._embed

    def __call__(self, chunk: SpeechChunk) -> ChunkFeatures:
        level = level_dbfs(chunk.mono)
        if self.two_channel:
            levels = (level_dbfs(chunk.samples[:, 0]), level_dbfs(chunk.samples[:, 1]))
            return ChunkFeatures(chunk.id, chunk.start, chunk.end, level, channel_levels_db=levels,
                                 previous=chunk.previous)
        if chunk.previous is not None and chunk.duration < self.tail_max_s:
            return ChunkFeatures(chunk.id, chunk.start, chunk.end, level, previous=chunk.previous, tail=True)
        embedding = self._embedder()(chunk.mono)
        self.embedded += 1
        return ChunkFeatures(chunk.id, chunk.start, chunk.end, level, embedding=embedding, previous=chunk.previous)
