package org.assemblybot.adapter.matrix
internal object Placeholder
