# The alias service's image: the store is linted and compiled into SQLite at build time (by the same script
# CI runs), the service runs on granian as a non-root user, and Docker checks /healthz.
#   docker build -t aliases . && docker run --rm -p 8080:8080 aliases
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY scripts ./scripts
COPY aliases ./aliases
RUN scripts/container-setup.sh /app/aliases /app/aliases.db \
 && useradd --system --uid 10001 --no-create-home aliases
ENV ALIASES_DB=/app/aliases.db ALIASES_STORE=/app/aliases
USER aliases
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2).status != 200)"
STOPSIGNAL SIGTERM
ENTRYPOINT ["aliases"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--workers", "2"]
