/**
 * Where ND4J does the arithmetic: {@link org.siamesekit.backend.Backend} is the one
 * description of the backend (CPU or CUDA, features, threads, devices).
 * Uses only ND4J.
 */
package org.siamesekit.backend;
