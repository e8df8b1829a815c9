/** Writing the user's files safely: never half-written, never replaced unasked. */
package org.siamesekit.files;
