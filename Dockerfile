# Sojourn's container image: the same static binary as a release
# (.goreleaser.yaml; .ci/build-check compares the two), on distroless
# static (CA certificates and time zones, no shell), as a non-root user.
#
#   docker build -t sojourn \
#     --build-arg VERSION=$(git describe --tags --always) \
#     --build-arg COMMIT=$(git rev-parse HEAD) \
#     --build-arg DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) .
#   docker run -p 8080:8080 -v sojourn:/var/lib/sojourn sojourn
#   docker run -it -v sojourn:/var/lib/sojourn sojourn init

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
ARG COMMIT=""
ARG DATE=""
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT} -X main.date=${DATE}" -o /out/sojourn ./cmd/sojourn
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sojourn /usr/local/bin/sojourn
COPY --from=build --chown=nonroot:nonroot /out/data /var/lib/sojourn
USER nonroot:nonroot
WORKDIR /var/lib/sojourn
ENV SOJOURN_DB=/var/lib/sojourn/sojourn.db \
    SOJOURN_ADDR=0.0.0.0:8080
VOLUME /var/lib/sojourn
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/sojourn"]
CMD ["serve"]
