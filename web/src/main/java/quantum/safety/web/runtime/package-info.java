/** The lean {@code process_*} metrics every server here exports, read from {@code /proc/self}. */
package quantum.safety.web.runtime;
