package server

import (
	"crypto/tls"
	"errors"
	"fmt"
)

// tlsConfig loads the certificate and key before the server listens, so a
// wrong path or a mismatched pair stops start-up with a clear error instead
// of a server that accepts connections and fails every handshake. It
// returns nil when neither file is given: plain HTTP.
func tlsConfig(certFile, keyFile string) (*tls.Config, error) {
	if certFile == "" && keyFile == "" {
		return nil, nil
	}
	if certFile == "" || keyFile == "" {
		return nil, errors.New("TLS needs both a certificate (-tls-cert) and a key (-tls-key)")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("loading the TLS certificate: %w", err)
	}
	// TLS 1.2 is the floor every current browser meets; Go's default cipher
	// suites and curves are already the safe ones.
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}
